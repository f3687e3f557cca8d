;redcode-94nop
;name Peek and Pound
;author drq bench (hand-written)
;strategy Eight quickscan probes, each comparing two cells 8 apart; where they differ it DATs
;strategy sixteen cells over both; then a mod-5 stone and a 3-point imp spiral.
;assert CORESIZE == 8000
step    equ     2365
gap     equ     947
        sne.i   last+gap*1, last+gap*1+8
        mov.ab  #last+gap*1-4-hit, hit
        sne.i   last+gap*2, last+gap*2+8
        mov.ab  #last+gap*2-4-hit, hit
        sne.i   last+gap*3, last+gap*3+8
        mov.ab  #last+gap*3-4-hit, hit
        sne.i   last+gap*4, last+gap*4+8
        mov.ab  #last+gap*4-4-hit, hit
        sne.i   last+gap*5, last+gap*5+8
        mov.ab  #last+gap*5-4-hit, hit
        sne.i   last+gap*6, last+gap*6+8
        mov.ab  #last+gap*6-4-hit, hit
        sne.i   last+gap*7, last+gap*7+8
        mov.ab  #last+gap*7-4-hit, hit
        sne.i   last+gap*8, last+gap*8+8
        mov.ab  #last+gap*8-4-hit, hit
        jmz.b   boot, hit
pound   mov.i   sbomb, >hit
        djn.b   pound, #16
boot    spl.b   spiral, 0
stone   mov.i   sbomb, @ptr
ptr     add.ab  #step, #step
        djn.b   stone, #1599
sbomb   dat.f   >1, >1
hit     dat.f   #0, #0
spiral  spl.b   1, 0
        spl.b   1, 0
        spl.b   1, 0
        spl.b   2, 0
arm     jmp.b   @0, imp
        add.ab  #2667, arm
        dat.f   #0, #0
imp     mov.i   #0, 2667
last    dat.f   #0, #0
        end     0
